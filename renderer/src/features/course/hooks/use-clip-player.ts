import { useCallback, useEffect, useState } from 'react';
import { ClipPlayer, type ClipPlayerState } from '../api/clip-player.js';

const SLOWER_KEY = 'fluentpro.slowerAudio';

/** Whether the person chose the slower speed last time (kept in this browser or app window). */
function savedSlower(): boolean {
  try {
    return localStorage.getItem(SLOWER_KEY) === 'true';
  } catch {
    return false;
  }
}

/** The viewer's one clip player, its state for the buttons, and the speed, remembered between courses. */
export function useClipPlayer(): { player: ClipPlayer; state: ClipPlayerState; setSlower: (slower: boolean) => void } {
  const [state, setState] = useState<ClipPlayerState>(() => ({ playing: undefined, slower: savedSlower() }));
  const [player] = useState(() => new ClipPlayer(setState, { slower: state.slower }));
  useEffect(() => () => player.stop(false), [player]);
  const setSlower = useCallback(
    (slower: boolean) => {
      player.slower = slower;
      try {
        localStorage.setItem(SLOWER_KEY, String(slower));
      } catch {
        // Storage refused (a private window): the choice lasts until the page closes.
      }
    },
    [player],
  );
  return { player, state, setSlower };
}
