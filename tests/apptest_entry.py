"""Entry point for Streamlit AppTest: runs ``dashboard.py`` from a folder with no ``pages/``.

AppTest re-detects a ``pages/`` folder beside the main script on every run and then runs page
scripts the pre-``st.navigation`` way, without the entrypoint; the browser never does after
the first request. Starting from here makes AppTest run the app as the browser does.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
