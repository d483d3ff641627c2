#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# exe_wrapper of "meson test --setup valgrind": test programs run under
# valgrind; scripts run as they are and put paraphe itself under valgrind
# through PP_WRAPPER (valgrind on /bin/sh would only check the shell).
if [ "$(head -c 2 "$1")" = '#!' ]; then
	exec "$@"
fi
exec valgrind --error-exitcode=1 --leak-check=full --show-possibly-lost=no \
	--errors-for-leak-kinds=definite \
	--suppressions="$(dirname "$0")/valgrind.supp" "$@"
