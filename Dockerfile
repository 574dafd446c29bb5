# hqdb server image: built with the project's own install (npm ci compiles the
# native addons and, through `prepare`, the TypeScript), run as a non-root user
# with the same command the README gives (`npm start`).

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json binding.gyp ./
COPY bin ./bin
COPY core ./core
COPY engine ./engine
COPY index ./index
COPY storage ./storage
COPY server ./server
COPY migrations ./migrations
COPY proto ./proto
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HQDB__STORAGE__PATH=/data \
    HQDB__SERVICE__HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/proto ./proto
COPY docker ./docker
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 6333 6334
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 CMD ["node", "docker/healthcheck.js"]
CMD ["npm", "start"]
