"""`python -m onsite`: the command line without the app (the `onsite` command opens the app)."""

import sys

from onsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
