import { useT } from '../i18n/locale';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <section className="empty" data-testid="not-found">
      <h1>{t('notFound')}</h1>
    </section>
  );
}
