/**
 * `npm start` in examples/demo-shop: the demo shop on http://localhost:3000, signing in
 * with the Polis instance on http://localhost:8080. Register it first:
 *
 *   npx polis clients add --name "Demo Shop" --redirect-uri http://localhost:3000/callback
 *
 * and start it with the printed client id and secret:
 *
 *   POLIS_CLIENT_ID=… POLIS_CLIENT_SECRET=… npm start
 */
import { createDemoShop } from './create-demo-shop.ts'

const port = Number(process.env.PORT ?? 3000)
const clientId = process.env.POLIS_CLIENT_ID
const clientSecret = process.env.POLIS_CLIENT_SECRET
if (!clientId || !clientSecret) {
  console.error('Set POLIS_CLIENT_ID and POLIS_CLIENT_SECRET (from `npx polis clients add`).')
  process.exit(2)
}
const shop = await createDemoShop({
  issuer: process.env.POLIS_ISSUER ?? 'http://localhost:8080/id',
  clientId,
  clientSecret,
  origin: `http://localhost:${port}`,
  allowHttp: true,
})
shop.server.listen(port, '127.0.0.1', () => console.log(`Demo Shop on http://localhost:${port}/`))
