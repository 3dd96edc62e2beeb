/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function SettingsPage(_props: Record<string, unknown>) {
  return <Page title="Settings"><p className="muted">Coming soon.</p></Page>;
}
