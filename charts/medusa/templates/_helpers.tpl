{{/*
Names are derived from the release name only (not the chart name): the installer waits for
`<release>-postgres`, `<release>-medusa` and the Job `<release>-setup` (found by that stem).
A StatefulSet pod's controller-revision-hash label is "<name>-0-<10 chars>", so the release
name is capped well below Helm's own 53-character limit.
*/}}
{{- define "medusa.release" -}}
{{- if gt (len .Release.Name) 40 -}}
{{- fail (printf "release name %q is %d characters long; use at most 40 so derived object names stay valid" .Release.Name (len .Release.Name)) -}}
{{- end -}}
{{- .Release.Name -}}
{{- end -}}

{{- define "medusa.storeId" -}}
{{- required "store.id is required (the Storefleet store id)" .Values.store.id -}}
{{- end -}}

{{/*
Labels that never change for the life of a release. PVC templates of a StatefulSet are
immutable, so they carry only these.
*/}}
{{- define "medusa.stableLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ include "medusa.release" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: storefleet
storefleet.io/store-id: {{ include "medusa.storeId" . | quote }}
{{- end -}}

{{/* Full label set; call with (dict "ctx" $ "component" "medusa"). */}}
{{- define "medusa.labels" -}}
{{ include "medusa.stableLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version }}
{{- end -}}

{{/* Selector labels; call with (dict "ctx" $ "component" "medusa"). */}}
{{- define "medusa.selectorLabels" -}}
app.kubernetes.io/name: {{ .ctx.Chart.Name }}
app.kubernetes.io/instance: {{ include "medusa.release" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "medusa.credentialsSecret" -}}
{{ include "medusa.release" . }}-credentials
{{- end -}}

{{- define "medusa.postgresName" -}}
{{ include "medusa.release" . }}-postgres
{{- end -}}

{{- define "medusa.medusaName" -}}
{{ include "medusa.release" . }}-medusa
{{- end -}}

{{- define "medusa.scriptsName" -}}
{{ include "medusa.release" . }}-scripts
{{- end -}}

{{/* The PostgreSQL database and role Medusa uses; fixed, one store per namespace. */}}
{{- define "medusa.databaseName" -}}medusa{{- end -}}
{{- define "medusa.databaseUser" -}}medusa{{- end -}}

{{- define "medusa.image" -}}
{{ .repository }}:{{ .tag }}
{{- end -}}

{{/*
The Medusa backend image. Medusa publishes no image: Storefleet builds one from images/medusa.
The chart carries no tag, so a store never runs an image nobody built.
*/}}
{{- define "medusa.medusaImage" -}}
{{- $image := .Values.medusa.image -}}
{{- if not (toString $image.tag) -}}
{{- fail "medusa.image.tag is empty: the Medusa backend image must be built first. On k3d, Storefleet builds it from images/medusa and sets the tag itself; on any other cluster, push the image to a registry and name it with medusa.image.repository and medusa.image.tag in your production values file (helm-values/medusa/values-prod.yaml)" -}}
{{- end -}}
{{ include "medusa.image" $image }}
{{- end -}}

{{/*
The PostgreSQL image: the official image's Alpine tags only, since the chart runs it as uid 70
(postgres on Alpine; 999 on the Debian tags). The schema refuses other tags too; this keeps the
message clear when schema validation is skipped.
*/}}
{{- define "medusa.postgresImage" -}}
{{- $tag := toString .Values.postgres.image.tag -}}
{{- if not (regexMatch "^1[5-7](\\.[0-9]+)?-alpine[0-9.]*$" $tag) -}}
{{- fail (printf "postgres.image.tag %q does not fit: use an Alpine tag of PostgreSQL 15 to 17 such as 17.9-alpine3.23 (the chart runs PostgreSQL as uid 70, the Alpine image's postgres user)" $tag) -}}
{{- end -}}
{{ include "medusa.image" .Values.postgres.image }}
{{- end -}}

{{- define "medusa.host" -}}
{{- required "ingress.host is required (the store's public host name)" .Values.ingress.host -}}
{{- end -}}

{{- define "medusa.siteUrl" -}}
{{ ternary "https" "http" .Values.ingress.tls.enabled }}://{{ include "medusa.host" . }}
{{- end -}}

{{- define "medusa.replicas" -}}
{{ ternary 0 1 .Values.store.stopped }}
{{- end -}}

{{/*
Every secret must come from the installer. The schema already rejects a missing or short one;
this keeps the message clear when schema validation is skipped. Messages never show a value.
*/}}
{{- define "medusa.requireSecrets" -}}
{{- $s := .Values.secrets -}}
{{- range $key := list "databasePassword" "jwtSecret" "cookieSecret" "adminPassword" -}}
{{- $value := toString (get $s $key) -}}
{{- $_ := required (printf "secrets.%s is required (generated per store by the installer)" $key) (get $s $key) -}}
{{- if lt (len $value) 24 -}}
{{- fail (printf "secrets.%s must be at least 24 characters long (generated per store by the installer)" $key) -}}
{{- end -}}
{{- end -}}
{{- if not (regexMatch "^[A-Za-z0-9._~-]+$" (toString $s.databasePassword)) -}}
{{- fail "secrets.databasePassword may hold only letters, digits and . _ ~ - (it goes into Medusa's DATABASE_URL)" -}}
{{- end -}}
{{- end -}}

{{/* A key of the credentials Secret as an env var; call with (list $ "ENV_NAME" "secret-key"). */}}
{{- define "medusa.secretEnv" -}}
{{- $ctx := index . 0 -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "medusa.credentialsSecret" $ctx }}
      key: {{ index . 2 }}
{{- end -}}

{{/*
Env shared by the migrate init container, the server and the setup Job: what
images/medusa/medusa-config.ts reads. Every secret comes from the Secret; DATABASE_URL is built
by the kubelet from DATABASE_PASSWORD (declared first, so `$(DATABASE_PASSWORD)` expands), so the
password appears in no rendered object. HOME points at the /tmp emptyDir, the one writable place
besides the uploads folder, and telemetry is off (its endpoint is outside the store's egress).
*/}}
{{- define "medusa.appEnv" -}}
{{ include "medusa.secretEnv" (list . "DATABASE_PASSWORD" "database-password") }}
- name: DATABASE_URL
  value: {{ printf "postgres://%s:$(DATABASE_PASSWORD)@%s:5432/%s" (include "medusa.databaseUser" .) (include "medusa.postgresName" .) (include "medusa.databaseName" .) | quote }}
{{ include "medusa.secretEnv" (list . "JWT_SECRET" "jwt-secret") }}
{{ include "medusa.secretEnv" (list . "COOKIE_SECRET" "cookie-secret") }}
- name: STORE_CORS
  value: {{ include "medusa.siteUrl" . | quote }}
- name: ADMIN_CORS
  value: {{ include "medusa.siteUrl" . | quote }}
- name: AUTH_CORS
  value: {{ include "medusa.siteUrl" . | quote }}
- name: MEDUSA_BACKEND_URL
  value: {{ include "medusa.siteUrl" . | quote }}
- name: PORT
  value: "9000"
- name: MEDUSA_WORKER_MODE
  value: {{ .Values.medusa.workerMode | quote }}
- name: MEDUSA_ADMIN_DISABLED
  value: {{ (not .Values.medusa.adminDashboard) | toString | quote }}
- name: MEDUSA_COOKIE_SECURE
  value: {{ .Values.medusa.cookieSecure | toString | quote }}
- name: NODE_ENV
  value: production
- name: MEDUSA_DISABLE_TELEMETRY
  value: "true"
- name: HOME
  value: /tmp
{{- end -}}

{{/* Hardened container defaults: every container of this chart runs unprivileged. */}}
{{- define "medusa.restrictedContainerSecurity" -}}
allowPrivilegeEscalation: false
runAsNonRoot: true
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The pod security context of the Medusa image's pods (server and setup Job): the node user of the
node base image, uid/gid 1000. Set as numbers so the kubelet can check runAsNonRoot even when
the image names its user.
*/}}
{{- define "medusa.medusaPodSecurity" -}}
runAsUser: 1000
runAsGroup: 1000
runAsNonRoot: true
fsGroup: 1000
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The init container that waits until PostgreSQL accepts connections (pg_isready). */}}
{{- define "medusa.waitForPostgres" -}}
- name: wait-for-postgres
  image: {{ include "medusa.postgresImage" . }}
  imagePullPolicy: {{ .Values.postgres.image.pullPolicy }}
  command: ["sh", "/scripts/wait-for-postgres.sh"]
  securityContext:
    {{- include "medusa.restrictedContainerSecurity" . | nindent 4 }}
  env:
    - name: PGHOST
      value: {{ include "medusa.postgresName" . }}
    - name: PGPORT
      value: "5432"
    - name: PGUSER
      value: {{ include "medusa.databaseUser" . }}
    - name: PGDATABASE
      value: {{ include "medusa.databaseName" . }}
    - name: WAIT_SECONDS
      value: {{ .Values.wait.databaseWaitSeconds | quote }}
  resources:
    {{- toYaml .Values.wait.resources | nindent 4 }}
  volumeMounts:
    - { name: scripts, mountPath: /scripts, readOnly: true }
{{- end -}}

{{/*
Labels of the ingress controller's pods. Never empty: an empty pod selector would admit every
pod of the ingress controller's namespace. The schema says the same.
*/}}
{{- define "medusa.ingressControllerPodLabels" -}}
{{- $labels := .Values.networkPolicy.ingressControllerPodLabels -}}
{{- if not $labels -}}
{{- fail "networkPolicy.ingressControllerPodLabels must name at least one label of the ingress controller's pods (k3s/k3d: app.kubernetes.io/name: traefik); without one, every pod of its namespace could reach Medusa" -}}
{{- end -}}
{{- toYaml $labels -}}
{{- end -}}

{{/* A network policy peer: this store's pods with one of the given components; call with (list $ "medusa" "setup"). */}}
{{- define "medusa.storePodsOf" -}}
{{- $ctx := index . 0 -}}
- podSelector:
    matchLabels:
      app.kubernetes.io/instance: {{ include "medusa.release" $ctx }}
      storefleet.io/store-id: {{ include "medusa.storeId" $ctx | quote }}
    matchExpressions:
      - key: app.kubernetes.io/component
        operator: In
        values: {{ slice . 1 | toJson }}
{{- end -}}

{{/* pg_isready over TCP on the pod's own loopback, as a probe command. */}}
{{- define "medusa.pgIsReady" -}}
{{- list "pg_isready" "--quiet" "--host=127.0.0.1" "--port=5432" (printf "--username=%s" (include "medusa.databaseUser" .)) (printf "--dbname=%s" (include "medusa.databaseName" .)) | toJson -}}
{{- end -}}
