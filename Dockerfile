# The Bastion app image: one image for the API, the worker and the migrations
# (see docker-compose.yml and README "Deploy with Docker Compose").
#
#   docker build -t bastion-app .                                        # FROM node:20-bookworm-slim
#   docker build --build-arg NODE_IMAGE=bastion-node:20 -t bastion-app .  # offline: deploy/make-local-images.sh
#
# NODE_IMAGE must be Debian bookworm (glibc) with Node >= 20 and npm. The build stages run `npm ci`
# (it needs the npm registry and Debian's apt mirror) and `npm run build`; the runtime stage holds
# only dist/ and the production node_modules. The build stage has a compiler because argon2's
# install script compiles it when its bundled prebuild does not load (it crashes on some hosts);
# the smoke test below proves the argon2 binary kept in the image works.
ARG NODE_IMAGE=node:20-bookworm-slim

# all dependencies; depends only on package*.json, so source changes reuse this layer
FROM ${NODE_IMAGE} AS deps
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=warn \
 && node -e "require('argon2').hash('smoke').then(() => console.log('argon2 ok'))"

# the production dependencies only (cached like deps)
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund --loglevel=warn

# the TypeScript build
FROM deps AS build
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
RUN npm run build && rm -f dist/.tsbuildinfo*

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    BASTION_DATA_DIR=/var/lib/bastion/data
RUN groupadd --system --gid 10001 bastion \
 && useradd --system --uid 10001 --gid bastion --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin bastion \
 && mkdir -p /var/lib/bastion/data \
 && chown -R bastion:bastion /var/lib/bastion
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=prod-deps /src/node_modules node_modules
COPY --from=build /src/dist dist
COPY deploy/app-entrypoint.sh /usr/local/bin/bastion-entrypoint
EXPOSE 3000
ENTRYPOINT ["bastion-entrypoint"]
CMD ["node", "dist/apps/api/src/main.js"]
