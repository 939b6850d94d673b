"""`python -m reviewer.evals` = `reviewer eval` (usable before the command is registered)."""

import typer

from reviewer.cli_eval import eval_cmd


def main() -> None:
    typer.run(eval_cmd)


if __name__ == "__main__":
    main()
