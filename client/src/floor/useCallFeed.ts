import { useEffect, useRef, useState } from 'react';
import { useSubscription } from '@apollo/client/react';
import { CallLoggedDocument, type CallLoggedSubscription } from '../gql/graphql';
import { useLive } from '../live/connection';

export type FeedCall = CallLoggedSubscription['callLogged'];

const KEEP = 50;

/**
 * The team's calls as they are recorded. After a reconnect (a server restart, a network drop) it
 * subscribes again from the last cursor it saw, so the calls recorded meanwhile arrive first, once.
 */
export function useCallFeed(teamId: string, onCall?: (call: FeedCall) => void): FeedCall[] {
  const [calls, setCalls] = useState<FeedCall[]>([]);
  const cursor = useRef<string | null>(null);
  const seen = useRef(new Set<string>());
  const [after, setAfter] = useState<string | null>(null);
  const { generation } = useLive();
  const onCallRef = useRef(onCall);
  onCallRef.current = onCall;

  useEffect(() => {
    setCalls([]);
    seen.current = new Set();
    cursor.current = null;
    setAfter(null);
  }, [teamId]);

  useEffect(() => {
    if (generation > 1) setAfter(cursor.current);
  }, [generation]);

  useSubscription(CallLoggedDocument, {
    variables: { teamId, after },
    onData: ({ data: result }) => {
      const call = result.data?.callLogged;
      if (!call) return;
      cursor.current = call.cursor;
      if (seen.current.has(call.callId)) return;
      seen.current.add(call.callId);
      setCalls((prev) => [call, ...prev].slice(0, KEEP));
      onCallRef.current?.(call);
    },
  });

  return calls;
}
