import { useEffect, useRef, useState } from 'react';
import { selectSelectedContext, useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { announcementsBetween } from './status-announcements';

/** Sentences kept in the region; older ones have been read out already. */
const KEEP = 5;

interface Said {
  key: number;
  text: string;
}

/**
 * A polite live region, always in the page, that says when a store of the selected context
 * becomes Ready, fails, goes missing, stops or is deleted. Each sentence is a new paragraph,
 * which screen readers read out as it is added. Visually hidden: the list and the store panel
 * already show the same change.
 */
export function StatusAnnouncer(): React.JSX.Element {
  const [said, setSaid] = useState<Said[]>([]);
  const next = useRef(0);

  useEffect(
    () =>
      useStores.subscribe((state, previous) => {
        const sentences = announcementsBetween(
          previous.byId,
          state.byId,
          selectSelectedContext(useApp.getState()),
        );
        if (sentences.length === 0) return;
        setSaid((s) =>
          [...s, ...sentences.map((text) => ({ key: next.current++, text }))].slice(-KEEP),
        );
      }),
    [],
  );

  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="status-announcer">
      {said.map((s) => (
        <p key={s.key}>{s.text}</p>
      ))}
    </div>
  );
}
