/**
 * Pages loaded on first visit, without React.lazy: a page whose code is already here renders at
 * once (React holds a suspended tree's reveal for up to 300 ms, which made a warm page feel slow).
 * `preload()` fetches the code ahead of need.
 */
import { useEffect, useState, type ComponentType } from 'react';
import { Loading } from './components/ui.js';

export interface LazyPage<P> {
  (props: P): React.ReactElement;
  preload(): Promise<unknown>;
}

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    pending ??= load().then((c) => (loaded = c));
    return pending;
  };
  function Page(props: P) {
    const [ready, setReady] = useState(loaded !== undefined);
    const [error, setError] = useState<Error>();
    useEffect(() => {
      // The code may have arrived between this render and now (a preload): render again then too.
      if (loaded) {
        if (!ready) setReady(true);
        return;
      }
      let live = true;
      preload().then(() => { if (live) setReady(true); }, (e: unknown) => { if (live) setError(e instanceof Error ? e : new Error(String(e))); });
      return () => { live = false; };
    }, [ready]);
    if (error) return <p className="notice error" role="alert">This page could not load, perhaps because Afterword was updated or the connection dropped. Reload the page to try again.</p>;
    const Component = loaded;
    return Component ? <Component {...props} /> : <Loading what="the page" />;
  }
  return Object.assign(Page, { preload });
}
