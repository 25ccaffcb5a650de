"""``python -m attrib``: the same commands as the ``attrib`` script."""
from .cli import main

main()
