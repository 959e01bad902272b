"""``python -m factsheet`` and the ``factsheet`` command.

The signal handlers are installed before anything else is imported, so that
SIGTERM during start-up already ends the run cleanly (see interrupts).
"""

from __future__ import annotations

import sys


def main() -> None:
    from factsheet import interrupts

    interrupts.install()
    try:
        from factsheet.app import main as run

        run()
    except interrupts.Interrupted as exc:  # during the imports
        status = interrupts.report(exc.signum)
        interrupts.finish()
        sys.exit(status)


if __name__ == "__main__":
    main()
