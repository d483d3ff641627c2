/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/digest.c: SHA-256 in hex as sha256sum writes it (the
 * standard's test vectors), the same as GLib's for buffers of every length
 * around the 64-byte block and for a large one, the same whether the data
 * comes at once or in pieces, and a copy of a digest in progress going on
 * on its own.
 */
#include "digest.h"

#include "../harness.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* The digest of data as GLib computes it (what paraphe used before). */
static int
same_as_glib(const unsigned char *data, size_t len)
{
	char ours[PP_SHA256_HEX_LEN + 1];
	char *theirs =
	    g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
	int same;

	pp_sha256_hex(data, len, ours);
	same = strcmp(ours, theirs) == 0;
	g_free(theirs);
	return same;
}

static void
test_vectors(void)
{
	char hex[PP_SHA256_HEX_LEN + 1];

	pp_sha256_hex("", 0, hex);
	STR_EQ(
	    hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "vectors: the empty string");
	pp_sha256_hex("abc", 3, hex);
	STR_EQ(
	    hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "vectors: abc");
	pp_sha256_hex(
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    hex);
	STR_EQ(
	    hex,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "vectors: two blocks (448 bits)");
}

static void
test_glib(void)
{
	static unsigned char buf[3 << 20];
	size_t i, bad = 0;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + (i >> 9));
	for (i = 0; i <= 200; i++)
		bad += !same_as_glib(buf, i);
	INT_EQ(bad, 0, "GLib: the same digests for 0 to 200 bytes");
	OK(same_as_glib(buf, sizeof(buf)), "GLib: the same digest for 3 MB");
}

static void
test_pieces(void)
{
	static unsigned char buf[100000];
	char whole[PP_SHA256_HEX_LEN + 1], pieces[PP_SHA256_HEX_LEN + 1];
	char fork[PP_SHA256_HEX_LEN + 1], rest[PP_SHA256_HEX_LEN + 1];
	struct pp_sha256 h, copy;
	size_t at = 0, step = 1;

	for (at = 0; at < sizeof(buf); at++)
		buf[at] = (unsigned char)(at % 251);
	pp_sha256_hex(buf, sizeof(buf), whole);
	pp_sha256_init(&h);
	for (at = 0; at < sizeof(buf); at += step, step = step * 3 + 1) {
		size_t n = step < sizeof(buf) - at ? step : sizeof(buf) - at;

		pp_sha256_update(&h, buf + at, n);
	}
	pp_sha256_finish(&h, pieces);
	STR_EQ(pieces, whole, "pieces: the same digest as at once");
	/* finish leaves h empty. */
	pp_sha256_finish(&h, pieces);
	STR_EQ(
	    pieces,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "pieces: a finished digest starts again, empty");
	pp_sha256_update(&h, buf, 1000);
	copy = h;
	pp_sha256_update(&copy, buf + 1000, sizeof(buf) - 1000);
	pp_sha256_finish(&copy, fork);
	STR_EQ(fork, whole, "copy: goes on from where the original was");
	pp_sha256_finish(&h, rest);
	pp_sha256_hex(buf, 1000, fork);
	STR_EQ(rest, fork, "copy: the original is left as it was");
}

int
main(void)
{
	test_vectors();
	test_glib();
	test_pieces();
	return harness_done();
}
