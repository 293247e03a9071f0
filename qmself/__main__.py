"""`python -m qmself`."""

from qmself.cli import main

main()
