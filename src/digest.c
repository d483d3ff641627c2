/* SPDX-License-Identifier: EUPL-1.2 */
/* SHA-256 digests with nettle: digest.h. */
#include <nettle/sha2.h>

#include "digest.h"

void
pp_sha256_init(struct pp_sha256 *h)
{
	sha256_init(&h->ctx);
}

void
pp_sha256_update(struct pp_sha256 *h, const void *data, size_t len)
{
	sha256_update(&h->ctx, len, data);
}

void
pp_sha256_finish(struct pp_sha256 *h, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(&h->ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 0xf];
	}
	hex[PP_SHA256_HEX_LEN] = '\0';
}

void
pp_sha256_hex(const void *data, size_t len, char *hex)
{
	struct pp_sha256 h;

	pp_sha256_init(&h);
	pp_sha256_update(&h, data, len);
	pp_sha256_finish(&h, hex);
}
