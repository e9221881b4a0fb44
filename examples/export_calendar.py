"""Write the 2025–2027 deadlines as an iCalendar file, for Outlook, Google or Apple Calendar.

Run:  python examples/export_calendar.py [OUT.ics]     (needs the 'ics' extra)

Each deadline becomes an all-day event on its due date (the period's end for `by`);
importing a newer export updates the same events, because their UIDs are stable.
"""

from __future__ import annotations

import sys

import stpmodel
import stpmodel.errors
from stpmodel.export.ics import write_calendar


def main(argv: list[str]) -> int:
    target = argv[0] if argv else "roadmap-deadlines.ics"
    roadmap = stpmodel.load()
    deadlines = roadmap.deadlines(from_year=2025, to_year=2027)
    try:
        # the example re-makes its own file on every run; a library call never replaces
        # an existing file unless asked like this
        write_calendar(roadmap, target, deadlines, overwrite=True)
    except (stpmodel.MissingExtraError, stpmodel.errors.WriteError) as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"wrote {len(deadlines)} events to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
