import { useEffect, useState } from 'react';
import { desktopApi } from '../api';

/** Why passwords cannot be kept (no OS keyring, the browser host), or undefined when they can. */
export function useKeyringReason(): string | undefined {
  const [reason, setReason] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void desktopApi()
      .app.info()
      .then((info) => live && setReason(info.keyring.available ? undefined : info.keyring.reason));
    return () => {
      live = false;
    };
  }, []);
  return reason;
}
