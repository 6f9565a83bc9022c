import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { App } from '../../renderer/src/app.js';
import { ApiProvider } from '../../renderer/src/lib/api-context.js';
import type { FakeBridge } from './fake-bridge.js';

/** Renders a piece of the UI with the providers the app gives it. */
export function renderWithApi(ui: ReactElement, bridge: FakeBridge) {
  return render(<ApiProvider bridge={bridge}>{ui}</ApiProvider>);
}

export function renderApp(bridge: FakeBridge) {
  return renderWithApi(<App />, bridge);
}
