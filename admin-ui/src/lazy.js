// A page whose module is loaded when it is first opened: the products page, where everyone
// starts, does not wait for the editor (CodeMirror) or the charts.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading, html } from './ui.js';

/** lazyPage(() => import('./pages/editor.js'), 'EditorPage') → a component that loads, then renders it. */
export function lazyPage(load, exportName) {
  let loaded = null;
  let pending = null;
  const fetchModule = () => {
    if (!pending) {
      pending = load().then((module) => {
        loaded = module[exportName];
        return loaded;
      }, (error) => {
        pending = null; // a failed load (network) is tried again on the next visit
        throw error;
      });
    }
    return pending;
  };
  function LazyPage(props) {
    const [state, setState] = useState({ page: loaded, error: null });
    useEffect(() => {
      if (state.page) return undefined;
      let live = true;
      fetchModule().then((page) => live && setState({ page, error: null }),
        (error) => live && setState({ page: null, error }));
      return () => { live = false; };
    }, []);
    if (state.error) return html`<${ErrorMessage} error=${state.error} />`;
    if (!state.page) return html`<${Loading} />`;
    return h(state.page, props);
  }
  return LazyPage;
}
