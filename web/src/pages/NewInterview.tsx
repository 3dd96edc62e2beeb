/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function NewInterview(_props: Record<string, unknown>) {
  return <Page title="NewInterview"><p className="muted">Coming soon.</p></Page>;
}
