"""``python -m attrib``: the same commands as the ``attrib`` script."""
from .cli import main

if __name__ == "__main__":  # worker processes import this module again and must not run the command
    main()
