{{/*
Names are derived from the release name only (not the chart name): the installer
waits for `<release>-mariadb`, `<release>-wordpress` and `<release>-bootstrap`.
A StatefulSet pod's controller-revision-hash label is "<name>-0-<10 chars>", so
the release name is capped well below Helm's own 53-character limit.
*/}}
{{- define "woocommerce.release" -}}
{{- if gt (len .Release.Name) 40 -}}
{{- fail (printf "release name %q is %d characters long; use at most 40 so derived object names stay valid" .Release.Name (len .Release.Name)) -}}
{{- end -}}
{{- .Release.Name -}}
{{- end -}}

{{- define "woocommerce.storeId" -}}
{{- required "store.id is required (the Storefleet store id)" .Values.store.id -}}
{{- end -}}

{{/*
Labels that never change for the life of a release. PVC templates of a
StatefulSet are immutable, so they carry only these.
*/}}
{{- define "woocommerce.stableLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ include "woocommerce.release" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: storefleet
storefleet.io/store-id: {{ include "woocommerce.storeId" . | quote }}
{{- end -}}

{{/* Full label set; call with (dict "ctx" $ "component" "wordpress"). */}}
{{- define "woocommerce.labels" -}}
{{ include "woocommerce.stableLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version }}
{{- end -}}

{{/* Selector labels; call with (dict "ctx" $ "component" "wordpress"). */}}
{{- define "woocommerce.selectorLabels" -}}
app.kubernetes.io/name: {{ .ctx.Chart.Name }}
app.kubernetes.io/instance: {{ include "woocommerce.release" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "woocommerce.credentialsSecret" -}}
{{ include "woocommerce.release" . }}-credentials
{{- end -}}

{{- define "woocommerce.mariadbName" -}}
{{ include "woocommerce.release" . }}-mariadb
{{- end -}}

{{- define "woocommerce.mailpitName" -}}
{{- printf "%s-mailpit" (include "woocommerce.release" .) -}}
{{- end -}}

{{/* The mail catcher's web UI host: mail.<store host>, its own origin beside the store's. */}}
{{- define "woocommerce.mailHost" -}}
{{- printf "mail.%s" (include "woocommerce.host" .) -}}
{{- end -}}

{{- define "woocommerce.wordpressName" -}}
{{ include "woocommerce.release" . }}-wordpress
{{- end -}}

{{- define "woocommerce.image" -}}
{{ .repository }}:{{ .tag }}
{{- end -}}

{{/*
The wordpress image: only its Debian-based -apache tags fit (Apache on port 80, www-data as
uid 33, WordPress in /usr/src/wordpress); Alpine and fpm tags have none of these. The schema
refuses other tags too; this keeps the message clear when schema validation is skipped.
*/}}
{{- define "woocommerce.wordpressImage" -}}
{{- $tag := toString .Values.images.wordpress.tag -}}
{{- if not (regexMatch "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,120}-apache$" $tag) -}}
{{- fail (printf "images.wordpress.tag %q does not fit: WordPress image tag must be an -apache tag such as 6.8.3-php8.2-apache (the chart needs Apache on port 80, uid 33 and /usr/src/wordpress; Alpine and fpm tags have none of these)" $tag) -}}
{{- end -}}
{{ include "woocommerce.image" .Values.images.wordpress }}
{{- end -}}

{{/*
The demo product's price, at least 0.01: an order of a free product is completed at once
without payment, so it cannot prove that Cash on Delivery works.
*/}}
{{- define "woocommerce.demoPrice" -}}
{{- $price := toString .Values.demoProduct.price -}}
{{- if or (not (regexMatch "^[0-9]{1,7}\\.[0-9]{2}$" $price)) (regexMatch "^0+\\.00$" $price) -}}
{{- fail (printf "demoProduct.price %q must be a price of at least 0.01 such as 10.00: an order of a free product completes without payment, so it cannot prove Cash on Delivery works" $price) -}}
{{- end -}}
{{- $price -}}
{{- end -}}

{{- define "woocommerce.host" -}}
{{- required "ingress.host is required (the store's public host name)" .Values.ingress.host -}}
{{- end -}}

{{- define "woocommerce.siteUrl" -}}
{{ ternary "https" "http" .Values.ingress.tls.enabled }}://{{ include "woocommerce.host" . }}
{{- end -}}

{{- define "woocommerce.replicas" -}}
{{ ternary 0 1 .Values.store.stopped }}
{{- end -}}

{{/*
Every password must come from the installer. The schema already rejects a
missing one; this keeps the message clear when schema validation is skipped.
*/}}
{{- define "woocommerce.requirePasswords" -}}
{{- $s := .Values.secrets -}}
{{- $_ := required "secrets.mariadbRootPassword is required (generated per store by the installer)" $s.mariadbRootPassword -}}
{{- $_ := required "secrets.mariadbPassword is required (generated per store by the installer)" $s.mariadbPassword -}}
{{- $_ := required "secrets.wordpressAdminPassword is required (generated per store by the installer)" $s.wordpressAdminPassword -}}
{{- end -}}

{{/* WordPress authentication keys and salts, in the names wp-config-docker.php reads. */}}
{{- define "woocommerce.wpSaltNames" -}}
AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT
{{- end -}}

{{/*
Env shared by WordPress, the bootstrap Job and the WP-Cron CronJob: database access and salts,
all from the Secret, and extra config that the image's wp-config-docker.php evaluates
(WORDPRESS_CONFIG_EXTRA). DISABLE_WP_CRON turns off WordPress's trigger on page loads, which
calls the store's own public URL; the CronJob runs the due events instead.
*/}}
{{- define "woocommerce.wordpressEnv" -}}
- name: WORDPRESS_CONFIG_EXTRA
  value: "define( 'DISABLE_WP_CRON', true );"
- name: WORDPRESS_DB_HOST
  value: {{ include "woocommerce.mariadbName" . }}
- name: WORDPRESS_DB_NAME
  value: {{ .Values.mariadb.database | quote }}
- name: WORDPRESS_DB_USER
  value: {{ .Values.mariadb.user | quote }}
- name: WORDPRESS_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "woocommerce.credentialsSecret" . }}
      key: mariadb-password
{{- range (include "woocommerce.wpSaltNames" . | splitList " ") }}
- name: WORDPRESS_{{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ include "woocommerce.credentialsSecret" $ }}
      key: wordpress-{{ . | lower | replace "_" "-" }}
{{- end }}
{{- end -}}

{{/* Hardened container defaults for images that run as an unprivileged user. */}}
{{- define "woocommerce.restrictedContainerSecurity" -}}
allowPrivilegeEscalation: false
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Labels of the ingress controller's pods. Never empty: an empty pod selector would admit every
pod of the ingress controller's namespace. The schema says the same.
*/}}
{{- define "woocommerce.ingressControllerPodLabels" -}}
{{- $labels := .Values.networkPolicy.ingressControllerPodLabels -}}
{{- if not $labels -}}
{{- fail "networkPolicy.ingressControllerPodLabels must name at least one label of the ingress controller's pods (k3s/k3d: app.kubernetes.io/name: traefik); without one, every pod of its namespace could reach WordPress" -}}
{{- end -}}
{{- toYaml $labels -}}
{{- end -}}

{{/*
Addresses web egress never reaches, whatever networkPolicy.internetExcept says: the link-local
range with a cloud server's metadata service, carrier-grade NAT (used by some clusters for
nodes or pods) and loopback.
*/}}
{{- define "woocommerce.alwaysExcept" -}}
169.254.0.0/16 100.64.0.0/10 127.0.0.0/8
{{- end -}}

{{- define "woocommerce.egressToDatabaseAndInternet" -}}
- to:
    - podSelector:
        matchLabels:
          app.kubernetes.io/instance: {{ include "woocommerce.release" . }}
          storefleet.io/store-id: {{ include "woocommerce.storeId" . | quote }}
          app.kubernetes.io/component: mariadb
  ports:
    - { protocol: TCP, port: 3306 }
- to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except:
          {{- $except := concat (.Values.networkPolicy.internetExcept | default list) (include "woocommerce.alwaysExcept" . | splitList " ") }}
          {{- toYaml ($except | uniq) | nindent 10 }}
  ports:
    - { protocol: TCP, port: 80 }
    - { protocol: TCP, port: 443 }
{{- end -}}
