import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { CallLoggedDocument, RecentCallsDocument, type CallLoggedSubscription, type RecentCallsQuery } from '../gql/graphql';
import { isContact, isRightPartyContact } from './outcomes';
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

  // What happened before the screen opened, so a fresh screen is not empty; live calls go on top.
  const recent = useQuery(RecentCallsDocument, { variables: { teamId }, fetchPolicy: 'cache-and-network' });
  const older = (recent.data?.calls.nodes ?? []).filter((c) => !seen.current.has(c.id)).map(fromCall);
  return older.length ? [...calls, ...older].slice(0, KEEP) : calls;
}

function fromCall(c: RecentCallsQuery['calls']['nodes'][number]): FeedCall {
  return {
    callId: c.id,
    cursor: '',
    disposition: c.disposition,
    contact: isContact(c.disposition),
    rightPartyContact: isRightPartyContact(c.disposition),
    direction: c.direction,
    recordedAt: c.createdAt,
    talkSeconds: c.talkSeconds,
    agent: c.agent,
    account: c.account ?? null,
    promiseAmount: null,
    paymentAmount: null,
    planTotal: null,
  };
}
