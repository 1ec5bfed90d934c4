"""Central Asia Security Atlas: ``streamlit run dashboard.py``.

Shared set-up (data, sidebar, URL state) runs here once per rerun; each page in ``pages/``
only renders (see ``geo.ui.page``).
"""

from pathlib import Path

import streamlit as st

from geo import ui
from geo.i18n import t

st.set_page_config(page_title="Central Asia Security Atlas", page_icon="🗺️", layout="wide")
_, view = ui.setup()
PAGES = [  # (script, catalog key of the title, icon, url path)
    ("pages/map.py", "page_map", ":material/map:", None),
    ("pages/compare.py", "page_compare", ":material/compare:", "compare"),
    ("pages/organizations.py", "page_orgs", ":material/account_balance:", "organizations"),
    ("pages/relations.py", "page_relations", ":material/link:", "relations"),
    ("pages/timeline.py", "page_timeline", ":material/timeline:", "timeline"),
    ("pages/sources.py", "page_sources", ":material/menu_book:", "sources"),
    ("pages/add_article.py", "page_add_article", ":material/post_add:", "add_article"),
]
HERE = Path(__file__).resolve().parent
pages = [st.Page(HERE / path, title=t(key, view.lang), icon=icon, url_path=url,
                 default=url is None) for path, key, icon, url in PAGES]
page = st.navigation(pages)
if view.present and page.url_path != pages[0].url_path:
    st.switch_page(pages[0])  # "Present" pressed on another page: the map presents
page.run()
