# syntax=docker/dockerfile:1
# Reserva: multi-stage image. deps (native modules + Prisma clients) → build (TypeScript) →
# prod-deps (dev dependencies pruned) → runtime (slim, non-root).
#   docker build -t reserva .
#   docker run -p 3000:3000 reserva            # SQLite in /app/data, demo calendar, simulator
#   docker compose up                          # with Postgres, see docker-compose.yml

ARG NODE_VERSION=20
# Same npm as development: package.json's "allowScripts" (which install scripts may run) is npm 11's.
ARG NPM_VERSION=11.19.1

# ---- deps: all dependencies, with the toolchain better-sqlite3 needs when no prebuilt binary fits
FROM node:${NODE_VERSION}-bookworm AS deps
ARG NPM_VERSION
# The full bookworm image already has python3, make and g++ (node-gyp's needs).
RUN npm install -g npm@${NPM_VERSION} && npm --version
WORKDIR /app
# `npm ci` runs our postinstall (scripts/prisma-generate.mjs), which generates both Prisma clients
# from the schema files: they must be here before it runs.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
COPY prisma/ ./prisma/
RUN npm ci --no-audit --no-fund

# ---- build: compile TypeScript to dist/ (dist/src, dist/machines, dist/scripts)
FROM deps AS build
COPY tsconfig.json ./
COPY machines/ ./machines/
COPY scripts/ ./scripts/
COPY src/ ./src/
RUN npm run build

# ---- prod-deps: the same node_modules without dev dependencies (native builds kept)
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# SQLite's default file (DATABASE_URL=file:./data/reserva.db) lives here; writable by the app user.
RUN mkdir -p /app/data && chown node:node /app/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations are applied at start by the app itself (src/db/migrate.ts reads prisma/<provider>/migrations).
COPY prisma/ ./prisma/
# The chat simulator's page is read at runtime from src/simulator/public (found from package.json).
COPY src/simulator/public ./src/simulator/public
# The staff inbox page (/admin) is read the same way, from src/admin/public.
COPY src/admin/public ./src/admin/public
COPY package.json ./
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
