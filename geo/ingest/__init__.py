"""From a new article to candidate rows for the Atlas's tables (issue 12).

``python -m geo.ingest ARTICLE.txt --out DIR`` writes them; the "Add an article" page shows
them for review. Modules: :mod:`~geo.ingest.names` (countries, organizations),
:mod:`~geo.ingest.when` (dates), :mod:`~geo.ingest.places`, :mod:`~geo.ingest.kinds` (kinds,
roles, status), :mod:`~geo.ingest.direction` (who to whom), :mod:`~geo.ingest.extract`
(sentences to candidates),
:mod:`~geo.ingest.rows` (table rows, duplicates, CSV), :mod:`~geo.ingest.core` (input checks).
"""

__all__: list[str] = []
