"""Command line: parses arguments, calls the library, renders. No review logic lives here.

One module per command family (`check`, `rules`, `llm`, and `reviewer.cli_eval`), options
shared through `reviewer.cli.options`, the shared pipeline in `reviewer.cli.run`. Command
modules import only typer at start-up; what a command needs is imported when it runs.

Exit codes, whatever the format: 0 no finding at or above `--fail-on`; 1 there is one; 2 usage,
configuration or input errors (one line on stderr, never a traceback; the other reports are
still reviewed and their output written).
"""

from __future__ import annotations

import os
import sys

import typer

from reviewer.cli.check import baseline_cmd, check_cmd
from reviewer.cli.llm import extract_cmd, review_cmd
from reviewer.cli.options import Format
from reviewer.cli.rules import rules_cmd
from reviewer.cli_eval import eval_cmd
from reviewer.errors import ReviewerError

__all__ = ["Format", "app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Review Chinese performance self-evaluation reports (部门整体支出绩效自评报告).",
    pretty_exceptions_enable=False,
)
app.command("check")(check_cmd)
app.command("review")(review_cmd)
app.command("extract")(extract_cmd)
app.command("baseline")(baseline_cmd)
app.command("rules")(rules_cmd)
app.command("eval")(eval_cmd)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def main() -> None:
    """Entry point: every failure is one line on stderr and an exit code, never a traceback."""
    sys.exit(run(sys.argv[1:]))


def run(args: list[str]) -> int:
    """Run the app on `args` and return the exit code."""
    try:
        rc = app(args, standalone_mode=False)
    except ReviewerError as exc:
        typer.echo(f"reviewer: {_one_line(exc)}", err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("reviewer: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # the reader went away (`reviewer check … | head`): stop quietly, and keep the
        # interpreter's final flush from failing on the closed pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's errors
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(exc.format_message(), err=True)
            else:
                hint = ""
                ctx = getattr(exc, "ctx", None)
                if ctx is not None and type(exc).__name__ != "FileError":
                    hint = f" (see `{ctx.command_path} --help`)"
                typer.echo(f"reviewer: {_one_line(exc.format_message())}{hint}", err=True)
            return int(exc.exit_code)
        if type(exc).__name__ == "Abort":
            typer.echo("reviewer: aborted", err=True)
            return 1
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        typer.echo(
            f"reviewer: internal error: {type(exc).__name__}: {_one_line(exc)} "
            "(set REVIEWER_DEBUG=1 for the traceback)",
            err=True,
        )
        return 2
    if rc == 130:
        typer.echo("reviewer: interrupted", err=True)
    return rc if isinstance(rc, int) else 0
