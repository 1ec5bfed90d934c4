// Passes the map's extent on to Python: the map (geo/js/atlas-map.js, in its own frame) fires
// "atlas-extent" on the app's window after the reader pans or zooms; the last one of a burst
// becomes this component's "bbox" state, a rerun that changes nothing on the map.
export default function (component) {
  const { setStateValue } = component;
  let timer = null;
  function heard(e) {
    clearTimeout(timer);
    timer = setTimeout(() => setStateValue("bbox", String(e.detail)), 300);
  }
  window.addEventListener("atlas-extent", heard);
  return () => { clearTimeout(timer); window.removeEventListener("atlas-extent", heard); };
}
