import { Link } from '../router';

export function NotFoundPage() {
  return (
    <section className="empty" data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        <Link to="/portfolio">Go to the portfolio</Link>
      </p>
    </section>
  );
}
