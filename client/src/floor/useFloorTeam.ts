import { useQuery } from '@apollo/client/react';
import { TeamsDocument } from '../gql/graphql';
import { navigate, usePath, useSearch } from '../router';
import { useMe } from '../session/me';

/** The team a floor screen shows: a supervisor's own; others pick one (?team=), the first by default. */
export function useFloorTeam(): { teamId: string | null; teamName: string; teams: Array<{ id: string; name: string }>; choose: (id: string) => void } {
  const me = useMe();
  const path = usePath();
  const own = me.role === 'SUPERVISOR' || me.role === 'AGENT';
  const { data } = useQuery(TeamsDocument, { skip: own });
  const teams = own ? (me.team ? [me.team] : []) : (data?.teams.nodes ?? []);
  const asked = useSearch().get('team');
  const chosen = (own ? me.team : (teams.find((t) => t.id === asked) ?? teams[0])) ?? null;
  return {
    teamId: chosen?.id ?? null,
    teamName: chosen?.name ?? '',
    teams,
    choose: (id) => navigate(`${path}?team=${encodeURIComponent(id)}`, { replace: true }),
  };
}
