"""Central Asia Security Atlas: the data (``tables``, ``validate``, ``queries``) and the map built
from it. Nothing here imports Streamlit except ``geo.ui``."""
