// Drives Backstage's own @backstage/catalog-client against Runway's /api/catalog and prints every answer as one
// JSON document, so the Java test (BackstageCatalogClientTest) can compare it with Runway's own API on the same data.
// Usage: node catalog-client-journey.cjs BASE_URL TOKEN TAG REF_A REF_B
// (the client comes from the test tools bin/runway test installs; NODE_PATH points at their node_modules)
'use strict';

const { CatalogClient } = require('@backstage/catalog-client');

async function main() {
  const [baseUrl, token, tag, refA, refB] = process.argv.slice(2);
  const client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => baseUrl } });
  const auth = { token };
  const out = {};

  out.componentsByName = (await client.getEntities({
    filter: { kind: 'Component', 'metadata.tags': tag },
    fields: ['kind', 'metadata.name', 'spec.lifecycle'],
    order: { field: 'metadata.name', order: 'asc' },
  }, auth)).items;

  // Two filter sets: production components OR APIs, of this test's entities only.
  out.productionOrApis = (await client.getEntities({
    filter: [
      { kind: 'component', 'spec.lifecycle': 'PRODUCTION', 'metadata.tags': tag },
      { kind: 'API', 'metadata.tags': tag },
    ],
    fields: ['metadata.name'],
    order: { field: 'metadata.name', order: 'desc' },
  }, auth)).items.map(e => e.metadata.name);

  out.ownedByRelation = (await client.getEntities({
    filter: { 'metadata.tags': tag, 'relations.ownedBy': process.env.OWNER_REF },
    fields: ['metadata.name'],
    order: { field: 'metadata.name', order: 'asc' },
  }, auth)).items.map(e => e.metadata.name);

  out.entityA = await client.getEntityByRef(refA, auth);
  out.missing = (await client.getEntityByRef('component:default/no-such-entity-anywhere', auth)) ?? null;

  out.byRefs = (await client.getEntitiesByRefs({
    entityRefs: [refB, 'component:default/no-such-entity-anywhere', refA],
    fields: ['kind', 'metadata.namespace', 'metadata.name'],
  }, auth)).items.map(e => e ?? null);

  // Page through every entity of this test two at a time, following the cursor to the end.
  const pages = [];
  let page = await client.queryEntities({
    filter: { 'metadata.tags': tag },
    orderFields: { field: 'metadata.name', order: 'asc' },
    fields: ['metadata.name'],
    limit: 2,
  }, auth);
  out.totalItems = page.totalItems;
  pages.push(page.items.map(e => e.metadata.name));
  while (page.pageInfo.nextCursor && pages.length < 50) {
    page = await client.queryEntities({ cursor: page.pageInfo.nextCursor, limit: 2 }, auth);
    pages.push(page.items.map(e => e.metadata.name));
  }
  out.pages = pages;

  out.facets = (await client.getEntityFacets({
    facets: ['kind', 'spec.lifecycle'],
    filter: { 'metadata.tags': tag },
  }, auth)).facets;

  const valid = JSON.parse(process.env.VALID_ENTITY);
  out.validEntity = await client.validateEntity(valid, 'url:https://example.com/catalog-info.yaml', auth);
  const invalid = { ...valid, metadata: { ...valid.metadata, name: 'Not A Valid Name!' } };
  out.invalidEntity = await client.validateEntity(invalid, 'url:https://example.com/catalog-info.yaml', auth);

  process.stdout.write(JSON.stringify(out));
}

main().catch(err => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
