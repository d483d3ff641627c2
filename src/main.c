/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe: the command line's entry point.  Finds the data and locale
 * folders, then hands over to the subcommand (cli_*.c, see cli.h), which
 * parses its options, calls the library, prints and chooses the exit
 * status.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <gio/gio.h>
#include <glib.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "confine.h"
#include "cli.h"
#include "i18n.h"
#include "paraphe.h"
#include "utf8.h"

const char *const progname = "paraphe";

/* How the data folder was chosen: said when it holds no models. */
enum cli_datadir_origin {
	DATADIR_FROM_ENV,
	DATADIR_BESIDE_BINARY,
	DATADIR_SOURCE_TREE,
	DATADIR_CONFIGURED
};

/* <prefix> when this binary is <prefix>/<bindir>/paraphe, else NULL. */
static char *
cli_install_prefix(const char *exe)
{
	char *dir = g_path_get_dirname(exe), *prefix = NULL;

	if (!g_path_is_absolute(PP_BINDIR) &&
	    g_str_has_suffix(dir, "/" PP_BINDIR))
		prefix = g_strndup(dir, strlen(dir) - strlen(PP_BINDIR) - 1);
	g_free(dir);
	return prefix;
}

/* Whether this binary lies in the build folder it was built in. */
static int
cli_in_build_tree(const char *exe)
{
	char *build = realpath(PP_BUILD_ROOT, NULL);
	int yes = build != NULL && g_str_has_prefix(exe, build) &&
		  exe[strlen(build)] == '/';

	free(build);
	return yes;
}

/*
 * A folder paraphe reads, found the same way for its data and for its
 * translations:
 *  1. the environment variable ENV;
 *  2. installed: the binary is <prefix>/<bindir>/paraphe, the folder
 *     <prefix>/REL, whatever the prefix is now (a staged DESTDIR or a moved
 *     tree works too), when it holds MARK;
 *  3. the build tree: the binary lies under the build folder it was built
 *     in, the folder is BUILT;
 *  4. the configured CONFIGURED.
 */
static char *
cli_find_folder(const char *env_name, const char *rel, const char *mark,
		const char *built, const char *configured,
		enum cli_datadir_origin *origin)
{
	const char *env = getenv(env_name);
	char *exe, *found = NULL;

	*origin = DATADIR_FROM_ENV;
	if (env != NULL && env[0] != '\0')
		return g_strdup(env);
	exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		char *prefix = cli_install_prefix(exe);

		if (prefix != NULL && !g_path_is_absolute(rel)) {
			char *marked;

			found = g_build_filename(prefix, rel, NULL);
			marked = g_build_filename(found, mark, NULL);
			*origin = DATADIR_BESIDE_BINARY;
			if (!g_file_test(marked, G_FILE_TEST_EXISTS)) {
				g_free(found);
				found = NULL;
			}
			g_free(marked);
		}
		g_free(prefix);
		if (found == NULL && cli_in_build_tree(exe)) {
			*origin = DATADIR_SOURCE_TREE;
			found = g_strdup(built);
		}
		g_free(exe);
		if (found != NULL)
			return found;
	}
	*origin = DATADIR_CONFIGURED;
	return g_strdup(configured);
}

/* The folder holding models/, charte/ and examples/. */
static char *
cli_datadir(enum cli_datadir_origin *origin)
{
	return cli_find_folder("PARAPHE_DATADIR", PP_DATADIR_REL, "models",
			       PP_SOURCE_DATADIR, PP_INSTALL_DATADIR, origin);
}

/* The folder holding fr/LC_MESSAGES/paraphe.mo. */
static char *
cli_localedir(void)
{
	enum cli_datadir_origin origin;

	return cli_find_folder("PARAPHE_LOCALEDIR", PP_LOCALEDIR_REL,
			       "fr/LC_MESSAGES/paraphe.mo", PP_BUILD_ROOT "/po",
			       PP_LOCALEDIR, &origin);
}

/*
 * Every command but help and version reads models, charters or the
 * electoral calendar: without them a form would be "valid" against
 * nothing.  Says where paraphe looked and how to point it elsewhere.
 */
static int
cli_require_data(const char *datadir, enum cli_datadir_origin origin)
{
	char **names = pp_model_list(datadir);
	int some = names != NULL && names[0] != NULL;
	const char *why;

	g_strfreev(names);
	if (some)
		return 0;
	switch (origin) {
	case DATADIR_FROM_ENV:
		why = _("the folder named by PARAPHE_DATADIR");
		break;
	case DATADIR_SOURCE_TREE:
		why = _("the source tree this paraphe was built from");
		break;
	case DATADIR_BESIDE_BINARY:
	case DATADIR_CONFIGURED:
	default:
		why = _("the folder paraphe was installed with");
		break;
	}
	fprintf(stderr,
		_("%s: no model data: %s/models holds no model (%s). Install "
		  "paraphe with its data, or set PARAPHE_DATADIR to the "
		  "folder that holds models/ and charte/.\n"),
		progname, datadir, why);
	return -1;
}

static int
cli_needs_data(const char *command)
{
	static const char *const commands[] = {
	    "validate", "render", "watch",  "check", "kit",
	    "init",	"models", "schema", "diff",  "serve"};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(command, commands[i]) == 0)
			return 1;
	return 0;
}

/* "COMMAND ... --help": answered without any data. */
static int
cli_asks_help(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/* --- main ------------------------------------------------------------- */

static void
cli_usage(FILE *out)
{
	fprintf(out,
		_("Usage: %s COMMAND [OPTIONS] [FILES]\n"
		  "Writes State partnership conventions and project sheets "
		  "from forms.\n"
		  "\n"
		  "Commands:\n"
		  "  validate FORM...  check forms and report every mistake\n"
		  "  render FORM       write the documents of a form\n"
		  "  kit CAMPAIGN      write every partner's documents of a "
		  "campaign\n"
		  "  check FILE...     check PDF, ODT and DOCX files against "
		  "the charter\n"
		  "  watch FORM        render again whenever an input "
		  "changes\n"
		  "  init MODEL        print an example form to start from\n"
		  "  models            list the available models\n"
		  "  schema MODEL      print the JSON Schema of a model's "
		  "form\n"
		  "  source FILE.pdf   print the form a PDF was made from\n"
		  "  diff A B          compare two conventions, article by "
		  "article\n"
		  "  serve             serve the web workspace and its "
		  "JSON API\n"
		  "\n"
		  "  -h, --help        show this help (COMMAND --help for a "
		  "command)\n"
		  "  -V, --version     show the version\n"),
		progname);
}

/*
 * What paraphe assumes of the process it is started in: descriptors 0 to 2
 * open (a file or a pipe opened later would otherwise take one of them and
 * receive messages meant for the terminal), and children it can wait for
 * (SIGCHLD ignored by a parent would reap them first).
 */
static void
cli_sane_process(void)
{
	int fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int null = open("/dev/null", O_RDWR);

			if (null >= 0 && null != fd) {
				dup2(null, fd);
				close(null);
			}
		}
	signal(SIGCHLD, SIG_DFL);
}

int
main(int argc, char **argv)
{
	enum cli_datadir_origin origin;
	char *datadir, *localedir;
	int status;

#ifdef M_ARENA_MAX
	/* One malloc arena: glibc reserves 64 MiB of address space (128 MiB
	 * while aligning it) for each thread's arena, so that Pango's font
	 * threads failed to start -- a g_error() -- under a 256 MB ulimit -v
	 * (issue 8). */
	mallopt(M_ARENA_MAX, 1);
#endif
	cli_sane_process();
	setlocale(LC_ALL, "");
	/* Numbers in charters, forms, PDF, ODT and JSON keep their decimal
	 * point whatever the language. */
	setlocale(LC_NUMERIC, "C");
	localedir = cli_localedir();
	bindtextdomain("paraphe", localedir);
	g_free(localedir);
	bind_textdomain_codeset("paraphe", "UTF-8");
	textdomain("paraphe"); /* for ngettext() */
	if (argc < 2) {
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("paraphe %s\n", PP_VERSION);
		return EXIT_OK;
	}
	datadir = cli_datadir(&origin);
	if (cli_needs_data(argv[1]) && !cli_asks_help(argc, argv) &&
	    cli_require_data(datadir, origin) != 0) {
		g_free(datadir);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "validate") == 0) {
		status = cli_validate(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "render") == 0) {
		status = cli_render(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "watch") == 0) {
		status = cli_watch(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "check") == 0) {
		status = cli_check(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "kit") == 0) {
		status = cli_kit(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "init") == 0) {
		status = cli_init(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "models") == 0) {
		status = cli_models(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "schema") == 0) {
		status = cli_schema(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "serve") == 0) {
		status = cli_serve(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "diff") == 0) {
		status = cli_diff(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "source") == 0) {
		status = cli_source(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "formats") == 0) {
		status = cli_formats();
	} else {
		fprintf(stderr, _("%s: unknown command \"%s\"\n"), progname,
			argv[1]);
		cli_usage(stderr);
		status = EXIT_USAGE;
	}
	g_free(datadir);
	cli_sources_forget();
	return status;
}
