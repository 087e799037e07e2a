# syntax=docker/dockerfile:1
# Build stage: install all dependencies and type-check, so a broken build never ships.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json vitest.config.ts ./
COPY src ./src
COPY commands ./commands
COPY jobs ./jobs
COPY locales ./locales
COPY test ./test
COPY bench ./bench
RUN npx tsc --noEmit

# Runtime stage: production dependencies only (tsx runs the TypeScript sources), non-root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/src ./src
COPY --from=build /app/commands ./commands
COPY --from=build /app/jobs ./jobs
COPY --from=build /app/locales ./locales
COPY tsconfig.json ./
USER node
ENV HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# ROLE=all|bot|worker chooses what this container runs.
CMD ["node", "--import", "tsx", "src/main.ts"]
