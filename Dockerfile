# Atelier: build the TypeScript to dist/, then run it on a slim Node image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data UPLOADS_DIR=/uploads PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/views ./views
COPY --from=build /app/curriculum ./curriculum
# Data files that features read next to their sources (fonts, word lists) live under server/.
COPY --from=build /app/server ./server
RUN mkdir -p /data /uploads && chown node:node /data /uploads
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Exec form so SIGTERM reaches node and the graceful shutdown runs.
CMD ["node", "dist/server/main.js"]
