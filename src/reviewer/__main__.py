"""`python -m reviewer`: the command line."""

from reviewer.cli import main

main()
