"""Add an article: paste or upload a text, review the candidate rows, see the accepted ones on a
draft map, then check and download them (or, with ATLAS_EDITABLE=1, save them into data/)."""

import streamlit as st
from streamlit_folium import st_folium

from geo import config, tables, ui
from geo.i18n import t
from geo.ingest import core, draft, review, save
from geo.markup import md_text

atlas, view = ui.page()
lang = view.lang
st.title(t("page_add_article", lang))
st.caption(t("add_intro", lang, limit=f"{core.MAX_BYTES / 1e6:.0f}"))

with st.form("add_form"):
    pasted = st.text_area(t("add_paste", lang), key="add_text", height=200,
                          max_chars=core.MAX_PASTE_CHARS)
    upload = st.file_uploader(t("add_upload", lang), key="add_file")
    c1, c2, c3, c4 = st.columns(4)
    title = c1.text_input(t("add_title", lang), key="add_title")
    outlet = c2.text_input(t("add_outlet", lang), key="add_outlet")
    published = c3.text_input(t("add_published", lang), key="add_published",
                              placeholder="YYYY-MM-DD")
    language = c4.selectbox(t("add_language", lang), ["", "fr", "en"], key="add_lang",
                            format_func=lambda v: v or t("add_lang_auto", lang))
    go = st.form_submit_button(t("add_extract", lang), type="primary")

if go:
    raw = upload.getvalue() if upload is not None else pasted.encode("utf-8")
    name = upload.name if upload is not None else "pasted.txt"
    try:
        if upload is None and len(pasted) >= core.MAX_PASTE_CHARS:  # cut by the box
            raise core.InputError(t("add_paste_full", lang, n=f"{core.MAX_PASTE_CHARS:,}",
                                    limit=f"{core.MAX_BYTES / 1e6:.0f}"))
        with st.spinner(t("add_working", lang)):
            result = core.ingest(raw, name=name, published=published.strip() or None,
                                 lang=language or None, title=title.strip() or None,
                                 outlet=outlet.strip())
    except core.InputError as e:
        st.session_state.pop("add_result", None)
        st.error(t("add_refused", lang, why=md_text(e)))
    else:
        st.session_state["add_result"] = result
        st.session_state["add_frames"] = review.frames(result.rows)
        st.session_state["add_run"] = st.session_state.get("add_run", 0) + 1
        st.session_state.pop("add_zip", None)

result = st.session_state.get("add_result")
if result is None:
    st.stop()

st.success(t("add_found", lang, **{k: len(v) for k, v in result.rows.items()},
             lang_found=result.lang, source=result.source["source_id"]))
if result.dated_by:
    st.caption(t("add_pub_dateline", lang, date=result.source["published"],
                 words=md_text(result.dated_by)))
elif not result.source["published"]:
    st.caption(t("add_pub_none", lang))
edited = {}
run = st.session_state.get("add_run", 0)
titles = {"memberships": t("add_table_memberships", lang),
          "relations": t("add_table_relations", lang), "events": t("add_table_events", lang)}
specs = {table: review.column_specs(table, lang, atlas, frame)
         for table, frame in st.session_state["add_frames"].items()}
for table, frame in st.session_state["add_frames"].items():
    st.subheader(titles[table])
    if frame.empty:
        st.caption(t("add_none", lang))
        edited[table] = frame
        continue
    shown = {c: st.column_config.CheckboxColumn(s.label) if c == review.ACCEPT else
              st.column_config.SelectboxColumn(s.label, options=list(s.options), width="medium",
                                               format_func=lambda v, o=s.options: o.get(v, v))
              if s.options else st.column_config.TextColumn(s.label)
              for c, s in specs[table].items()}
    edited[table] = st.data_editor(
        frame, key=f"add_ed_{table}_{run}", hide_index=True, num_rows="fixed",
        disabled=["confidence", "evidence"], column_config=shown)

with st.expander(t("add_evidence_title", lang), expanded=True):
    choices = [(tb, i) for tb, df in edited.items() for i in range(len(df))]
    if choices:
        pick = st.selectbox(t("add_pick", lang), choices, key=f"add_pick_{run}",
                            format_func=lambda c: review.label(c[0], edited[c[0]].iloc[c[1]],
                                                               specs[c[0]]))
        row = edited[pick[0]].iloc[pick[1]]
        # escaped piece by piece in geo.ingest.review; only <div> and <mark> are ours
        st.markdown(review.evidence_html(result.text, row["evidence"], row["locator"]),
                    unsafe_allow_html=True)

with st.container(horizontal=True):  # each button as wide as its words, in both languages
    bulk = st.button(t("add_accept_all", lang), key="add_accept_all")
    none = st.button(t("add_reject_all", lang), key="add_reject_all")
if bulk or none:  # keep the cell edits, set every tick, and redraw the editors with them
    st.session_state["add_frames"] = review.tick_all(edited, accept=bool(bulk))
    st.session_state["add_run"] = run + 1
    st.rerun()

chosen = review.accepted(edited)
st.subheader(t("add_draft_title", lang))
st.caption(t("add_draft_caption", lang, n=sum(len(v) for v in chosen.values())))
words = {k: v for cols in specs.values() for c in ("kind", "org_id", "status") if c in cols
         for k, v in cols[c].options.items()}
st_folium(draft.draft_map(chosen, atlas, t("add_draft", lang), lang, words),
          key="add_draft_map", height=420, use_container_width=True, returned_objects=[])

data_dir, articles_dir = config.data_dir(), config.articles_dir()
if st.button(t("add_check", lang), key="add_check"):
    texts = save.merged(data_dir, chosen, result.source)
    found = save.problems(data_dir, articles_dir, texts, result.source["file"], result.text)
    if found:
        st.session_state.pop("add_zip", None)
        st.error(t("add_problems", lang, n=len(found)))
        st.code("\n".join(str(p) for p in found), language=None)
    else:
        st.session_state["add_zip"] = save.zip_bytes(texts, result.source["file"], result.text)
        st.success(t("add_valid", lang))
if "add_zip" in st.session_state:
    st.download_button(t("add_download", lang), st.session_state["add_zip"],
                       file_name=f"atlas-{result.source['source_id']}.zip",
                       mime="application/zip", key="add_download")
if save.editable():
    if st.button(t("add_write", lang), key="add_write", type="primary"):
        out = save.save_to_folder(chosen, result.source, result.source["file"], result.text)
        if out.problems:
            st.error(t("add_problems", lang, n=len(out.problems)))
            st.code("\n".join(str(p) for p in out.problems), language=None)
        else:
            fresh = tables.load()
            st.success(t("add_written", lang, n=len(out.written), source=out.source_id,
                         relations=len(fresh.relations)))
else:
    st.caption(t("add_readonly", lang))
