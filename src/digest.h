/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * SHA-256 digests of files and buffers: a kit's manifest and each
 * partner's ".empreinte" list one per document, and a PDF's provenance one
 * per file it carries.  nettle's implementation (x86-64 assembly, SHA
 * extensions when the processor has them) hashes several times faster
 * than GLib's GChecksum; the digests are the same (sha256sum's).
 */
#ifndef PP_DIGEST_H
#define PP_DIGEST_H

#include <nettle/sha2.h>
#include <stddef.h>

/* Hex digits of a SHA-256 digest, without the NUL. */
#define PP_SHA256_HEX_LEN (2 * SHA256_DIGEST_SIZE)

/* A digest being computed; a copy (plain assignment) goes on
 * independently. */
struct pp_sha256 {
	struct sha256_ctx ctx;
};

void pp_sha256_init(struct pp_sha256 *h);
void pp_sha256_update(struct pp_sha256 *h, const void *data, size_t len);
/* The digest of what was added, in lowercase hex and NUL-terminated, into
 * hex (PP_SHA256_HEX_LEN + 1 bytes); h starts again, empty. */
void pp_sha256_finish(struct pp_sha256 *h, char *hex);

/* The digest of the len bytes at data, as pp_sha256_finish writes it. */
void pp_sha256_hex(const void *data, size_t len, char *hex);

#endif
