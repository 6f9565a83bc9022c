import { createContext, useContext, type ReactNode } from 'react';
import type { FluentProBridge } from '../../../electron/shared/api.js';
import { createHttpBridge } from './http-bridge.js';

declare global {
  interface Window {
    /** Present in the Electron app (exposed by the preload); absent in a browser. */
    fluentpro?: FluentProBridge;
  }
}

const ApiContext = createContext<FluentProBridge | undefined>(undefined);

/** The app's window.fluentpro when it exists, else `fluentpro serve`'s HTTP transport. */
export function defaultBridge(): FluentProBridge {
  return window.fluentpro ?? createHttpBridge();
}

export function ApiProvider({ bridge, children }: { bridge: FluentProBridge; children: ReactNode }) {
  return <ApiContext.Provider value={bridge}>{children}</ApiContext.Provider>;
}

export function useApi(): FluentProBridge {
  const bridge = useContext(ApiContext);
  if (!bridge) throw new Error('useApi outside ApiProvider');
  return bridge;
}
