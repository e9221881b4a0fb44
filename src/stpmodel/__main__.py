from __future__ import annotations

import sys

from stpmodel._plain import main

if __name__ == "__main__":
    sys.exit(main())
