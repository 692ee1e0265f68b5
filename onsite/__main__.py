import sys

from onsite.cli import main

if __name__ == "__main__":  # importing it (the layer test does) must not start the app
    sys.exit(main())
