import { useQuery } from '@apollo/client/react';
import { KpiCards } from '../floor/KpiCards';
import { useLiveKpis } from '../floor/useLiveKpis';
import { TeamsDocument } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { Link } from '../router';

/** The whole floor today, then each team side by side. */
export function FloorOverview() {
  const { t } = useT();
  const floor = useLiveKpis('FLOOR', null, 'DAY');
  const { data } = useQuery(TeamsDocument);
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">{t('floor.today')}</h2>
      {floor.kpis ? <KpiCards kpis={floor.kpis} testPrefix="floor-kpi" /> : <p className="muted">{t('common.loading')}</p>}
      <table className="table overview" data-testid="team-overview">
        <thead>
          <tr>
            <th scope="col">{t('common.team')}</th>
            <th scope="col" className="num">{t('kpiName.collectedAmount')}</th>
            <th scope="col" className="num">{t('kpiName.promises')}</th>
            <th scope="col" className="num">{t('kpiName.attempts')}</th>
            <th scope="col" className="num">{t('kpiName.rpcRate')}</th>
            <th scope="col">{t('kpi.pace', { value: '' })}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.teams.nodes ?? []).map((team) => (
            <TeamRow key={team.id} id={team.id} name={team.name} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TeamRow({ id, name }: { id: string; name: string }) {
  const { t, money, count, percent } = useT();
  const { kpis } = useLiveKpis('TEAM', id, 'DAY');
  const status = kpis?.collectedAmount.status ?? null;
  return (
    <tr data-testid="team-overview-row" data-team-id={id}>
      <th scope="row">
        <Link to={`/floor?team=${encodeURIComponent(id)}`}>{name}</Link>
      </th>
      <td className="num">{kpis?.collectedAmount.value ? money(kpis.collectedAmount.value, { compact: true }) : '–'}</td>
      <td className="num">{kpis?.promises.value != null ? count(kpis.promises.value) : '–'}</td>
      <td className="num">{kpis?.attempts.value != null ? count(kpis.attempts.value) : '–'}</td>
      <td className="num">{kpis?.rpcRate.value != null ? percent(kpis.rpcRate.value) : '–'}</td>
      <td>
        <span className={`kpi-status status-${(status ?? 'NONE').toLowerCase()}`}>{t(`kpiStatus.${status ?? 'NONE'}`)}</span>
      </td>
    </tr>
  );
}
