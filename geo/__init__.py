"""Central Asia Security Atlas: the data, loaded and checked (``tables``, with ``table_schema``,
``table_csv`` and ``table_checks``; ``validate`` on the command line), what a view shows of it
(``queries``, ``shown``, ``encoding``), and everything drawn from that: the map's layers and
legend, the figure, the exports, the reports; ``ingest`` turns a new article into candidate rows.
Nothing here imports Streamlit except ``geo.ui`` and ``geo.present_ui``."""
