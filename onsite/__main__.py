import sys

from onsite.cli import main

# Guarded so that importing the module (the layering test imports every core module) does
# not start the app.
if __name__ == "__main__":
    sys.exit(main())
