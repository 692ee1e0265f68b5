import sys

from onsite.cli import main

sys.exit(main())
