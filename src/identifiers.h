/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Checks of the identifiers and codes a form holds: SIREN, SIRET, French
 * VAT number, RNA, e-mail, URL, telephone, postal code, colour.
 */
#ifndef PP_IDENTIFIERS_H
#define PP_IDENTIFIERS_H

#include <stddef.h>

enum pp_identifier_result {
	PP_IDENTIFIER_OK,
	PP_IDENTIFIER_WARNING, /* accepted; the message says the reservation */
	PP_IDENTIFIER_BAD,
};

/* The format names schemas may give ("siren", "siret"...), NULL-terminated. */
extern const char *const pp_identifier_names[];

/* 1 if name is a known format. */
int pp_identifier_known(const char *name);

/*
 * Checks text against the format called name.  On PP_IDENTIFIER_WARNING or
 * PP_IDENTIFIER_BAD, writes a translated explanation a communication officer
 * can act on into why (size bytes).  Spaces inside SIREN, SIRET, VAT and
 * telephone numbers are accepted.
 */
enum pp_identifier_result
pp_identifier_check(const char *name, const char *text, char *why, size_t size);

/* Luhn checksum over a string of ASCII digits: 1 when the sum is a multiple
 * of 10. */
int pp_identifier_luhn_ok(const char *digits);

#endif
