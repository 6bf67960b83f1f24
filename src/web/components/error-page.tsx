import type { WebContext } from '../context.js';
import { Layout } from './layout.js';

export function ErrorPage({ ctx, message }: { ctx: WebContext; message: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('error.title')}>
      <h1>{ctx.t('error.title')}</h1>
      <p>{message}</p>
      <p>
        <a href="/app/invoices">{ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}
