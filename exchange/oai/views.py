"""OAI-PMH 2.0 at ``/oai/`` (http://www.openarchives.org/OAI/openarchivesprotocol.html).

Six verbs, GET or POST (``application/x-www-form-urlencoded``), one metadata format
(``oai_dc``, every translated value once per language with ``xml:lang``), sets per
type, partner city and institution (``type:artifact``, ``city:marseille``,
``institution:mmp``; their parents ``type``, ``city`` and ``institution`` too),
persistent deleted records and signed resumption tokens.

Everything is read from ``exchange.models.HarvestRecord`` (kept true by
``exchange.signals``): a ListRecords page is one query (its records with their
pre-rendered metadata, ordered on ``(datestamp, page_id)``). A resumption token
carries the request's arguments, the last ``(datestamp, page_id)`` sent, the cursor
and the list size, signed (``django.core.signing``) and valid for
``HERITAGE_OAI_TOKEN_MAX_AGE`` seconds; a record changed during a harvest gets a new
datestamp and comes again at the end, none is skipped, none sent twice unchanged.

The base URL, the request echo and every record's page URLs are on the site's public
address (``heritage.site_url``: ``HERITAGE_BASE_URL``, else the answering host); the
stored metadata holds them relative and is made absolute as it is sent
(``exchange.oai.records.absolutise``, one string replacement per response).

Settings (all optional; production requires the first and third):
``HERITAGE_OAI_REPOSITORY_IDENTIFIER`` (default: ``HERITAGE_BASE_URL``'s host name, else
:data:`DEFAULT_REPOSITORY_IDENTIFIER`), ``HERITAGE_OAI_REPOSITORY_NAME``
(``WAGTAIL_SITE_NAME``), ``HERITAGE_OAI_ADMIN_EMAILS`` (``ADMINS``, else the address of
``DEFAULT_FROM_EMAIL``), ``HERITAGE_OAI_PAGE_SIZE`` (100) and
``HERITAGE_OAI_TOKEN_MAX_AGE`` (86400). ``exchange.checks`` holds the first and third
to the patterns of the OAI-PMH schemas.
"""

from __future__ import annotations

import datetime
import re
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.core import signing
from django.db.models import Exists, Min, OuterRef, Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from heritage.i18n import language_codes
from heritage.site_url import absolute_url, base_url

from ..models import HarvestRecord, HarvestSetMembership
from .identity import REPOSITORY_IDENTIFIER, admin_emails, repository_identifier
from .records import (
    NOT_XML,
    OAI_DC_CLOSE,
    OAI_DC_OPEN,
    PARENT_SET_NAMES,
    TYPE_SET_NAMES,
    absolutise,
    in_every_language,
)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ '
    'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
)
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
}
#: Arguments each verb takes: required, optional, exclusive (the token).
VERBS = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
}
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_KEYS = {"verb", "prefix", "cursor", "after", "from", "until", "set", "size"}
TOKEN_SALT = "exchange.oai.resumption"  # noqa: S105 (a signing salt, not a secret)


def page_size() -> int:
    return int(getattr(settings, "HERITAGE_OAI_PAGE_SIZE", 100))


def token_max_age() -> int:
    return int(getattr(settings, "HERITAGE_OAI_TOKEN_MAX_AGE", 24 * 3600))


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(name: str, value: str, *, end: bool) -> tuple[datetime.datetime, str]:
    """``(moment, granularity)`` for a ``from``/``until`` value; a day ``until`` means its last second."""
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            day = datetime.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=datetime.UTC)
            return (day + datetime.timedelta(days=1, seconds=-1) if end else day), "day"
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            return moment, "seconds"
    except (ValueError, OverflowError):
        pass
    raise OAIError(
        "badArgument",
        f"The argument '{name}' ({value!r}) is not a date in the form YYYY-MM-DD or {GRANULARITY} (UTC).",
    )


class Request:
    """The request's arguments, checked against the verb's (badVerb, badArgument)."""

    def __init__(self, request):
        data = request.POST if request.method == "POST" else request.GET
        self.base_url = absolute_url(request.path, request)
        self.site = base_url(request)  # what the records' stored page URLs start with
        self.args: dict[str, str] = {}
        repeated = [key for key in data if len(data.getlist(key)) > 1]
        for key in data:
            self.args[key] = data.getlist(key)[-1]
        self.verb = self.args.get("verb")
        if "verb" in repeated:
            raise OAIError("badVerb", "The 'verb' argument is given more than once.")
        if repeated:
            raise OAIError("badArgument", f"The argument '{repeated[0]}' is given more than once.")
        if self.verb is None:
            raise OAIError("badVerb", "The 'verb' argument is missing.")
        if self.verb not in VERBS:
            raise OAIError("badVerb", f"'{self.verb}' is not an OAI-PMH verb (one of {', '.join(VERBS)}).")
        required, optional, exclusive = VERBS[self.verb]
        given = set(self.args) - {"verb"}
        allowed = set(required) | set(optional) | ({exclusive} if exclusive else set())
        illegal = sorted(given - allowed)
        if illegal:
            raise OAIError("badArgument", f"The argument '{illegal[0]}' is not allowed with {self.verb}.")
        if exclusive and exclusive in given:
            if len(given) > 1:
                other = sorted(given - {exclusive})[0]
                raise OAIError("badArgument", f"The argument '{exclusive}' cannot be combined with '{other}'.")
            return
        missing = [name for name in required if name not in given]
        if missing:
            raise OAIError("badArgument", f"The argument '{missing[0]}' is required by {self.verb}.")

    def echo(self) -> str:
        attrs = "".join(f" {key}={quoteattr(NOT_XML.sub('', value))}" for key, value in self.args.items())
        return f"<request{attrs}>{escape(self.base_url)}</request>"


def page_id_of(identifier: str) -> int | None:
    prefix = f"oai:{repository_identifier()}:"
    number = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    return int(number) if re.fullmatch(r"[0-9]{1,10}", number) else None


def record_for(identifier: str) -> HarvestRecord:
    page_id = page_id_of(identifier)
    record = HarvestRecord.objects.filter(page_id=page_id).first() if page_id is not None else None
    if record is None:
        raise OAIError("idDoesNotExist", f"The identifier '{identifier}' is not known in this repository.")
    return record


def check_prefix(prefix: str) -> None:
    if prefix not in FORMATS:
        raise OAIError(
            "cannotDisseminateFormat",
            f"The metadataPrefix '{prefix}' is not supported here (only {', '.join(FORMATS)}).",
        )


def header(record, repository: str) -> str:
    """``record``: a ``HarvestRecord`` or a row with its fields."""
    status = ' status="deleted"' if record.deleted else ""
    specs = "".join(f"<setSpec>{escape(spec)}</setSpec>" for spec in record.set_specs.split())
    return (
        f"<header{status}><identifier>oai:{repository}:{record.page_id}</identifier>"
        f"<datestamp>{utc(record.datestamp)}</datestamp>{specs}</header>"
    )


def full_record(record, repository: str) -> str:
    """The record as stored: its page URLs still relative (``absolutise`` the response)."""
    if record.deleted:
        return f"<record>{header(record, repository)}</record>"
    return f"<record>{header(record, repository)}<metadata>{record.oai_dc}</metadata></record>"


# Verbs -------------------------------------------------------------------------


def identify(req: Request) -> str:
    earliest = HarvestRecord.objects.aggregate(earliest=Min("datestamp"))["earliest"] or timezone.now()
    repository = repository_identifier()
    emails = admin_emails()
    name = getattr(settings, "HERITAGE_OAI_REPOSITORY_NAME", None) or getattr(
        settings, "WAGTAIL_SITE_NAME", "Heritage Commons"
    )
    parts = [
        f"<repositoryName>{escape(name)}</repositoryName>",
        f"<baseURL>{escape(req.base_url)}</baseURL>",
        "<protocolVersion>2.0</protocolVersion>",
        *(f"<adminEmail>{escape(email)}</adminEmail>" for email in emails),
        f"<earliestDatestamp>{utc(earliest)}</earliestDatestamp>",
        "<deletedRecord>persistent</deletedRecord>",
        f"<granularity>{GRANULARITY}</granularity>",
    ]
    if REPOSITORY_IDENTIFIER.match(repository):
        parts.append(
            "<description>"
            '<oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier '
            'http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">'
            "<scheme>oai</scheme>"
            f"<repositoryIdentifier>{escape(repository)}</repositoryIdentifier>"
            "<delimiter>:</delimiter>"
            f"<sampleIdentifier>oai:{escape(repository)}:123</sampleIdentifier>"
            "</oai-identifier></description>"
        )
    return "<Identify>" + "".join(parts) + "</Identify>"


def list_metadata_formats(req: Request) -> str:
    if "identifier" in req.args:
        record = record_for(req.args["identifier"])
        if record.deleted:
            raise OAIError(
                "noMetadataFormats",
                f"The item '{req.args['identifier']}' is deleted: no metadata is disseminated for it any more.",
            )
    formats = "".join(
        f"<metadataFormat><metadataPrefix>{prefix}</metadataPrefix><schema>{schema}</schema>"
        f"<metadataNamespace>{namespace}</metadataNamespace></metadataFormat>"
        for prefix, (schema, namespace) in FORMATS.items()
    )
    return f"<ListMetadataFormats>{formats}</ListMetadataFormats>"


def set_names() -> dict[str, dict[str, str]]:
    """``{setSpec: {language: name}}`` for every set a record is in (deleted ones too)."""
    from heritage.models import Institution, PartnerCityPage

    specs = sorted(set(HarvestSetMembership.objects.values_list("spec", flat=True).distinct()))
    codes = language_codes()
    cities = {s.split(":", 1)[1] for s in specs if s.startswith("city:")}
    institutions = {s.split(":", 1)[1] for s in specs if s.startswith("institution:")}
    names: dict[str, dict[str, str]] = {}
    for city in PartnerCityPage.objects.filter(slug_en__in=cities):
        names[f"city:{city.slug_en}"] = {code: getattr(city, f"title_{code}", "") or "" for code in codes}
    for institution in Institution.objects.filter(code__in=institutions):
        names[f"institution:{institution.code}"] = {
            code: getattr(institution, f"name_{code}", "") or "" for code in codes
        }
    for kind, label in TYPE_SET_NAMES.items():
        names[f"type:{kind}"] = in_every_language(label)
    for spec, label in PARENT_SET_NAMES.items():
        names[spec] = in_every_language(label)
    return {spec: names.get(spec, {"en": spec}) for spec in specs}


def list_sets(req: Request) -> str:
    if "resumptionToken" in req.args:
        raise OAIError(
            "badResumptionToken",
            f"The resumptionToken '{req.args['resumptionToken']}' is not valid: ListSets is answered in one response.",
        )
    sets = set_names()
    if not sets:
        raise OAIError("noSetHierarchy", "This repository holds no records yet, so it has no sets.")
    default = settings.LANGUAGE_CODE
    parts = []
    for spec, labels in sets.items():
        name = labels.get(default) or next((v for v in labels.values() if v), spec)
        titles = "".join(
            f"<dc:title xml:lang={quoteattr(code)}>{escape(value)}</dc:title>"
            for code, value in labels.items()
            if value
        )
        parts.append(
            f"<set><setSpec>{escape(spec)}</setSpec><setName>{escape(name)}</setName>"
            f"<setDescription>{OAI_DC_OPEN}{titles}{OAI_DC_CLOSE}</setDescription></set>"
        )
    return "<ListSets>" + "".join(parts) + "</ListSets>"


def get_record(req: Request) -> str:
    check_prefix(req.args["metadataPrefix"])
    record = record_for(req.args["identifier"])
    return f"<GetRecord>{absolutise(full_record(record, repository_identifier()), req.site)}</GetRecord>"


def bad_token(token: str, why: str) -> OAIError:
    return OAIError("badResumptionToken", f"The resumptionToken '{token}' {why}.")


def read_token(verb: str, token: str) -> dict:
    try:
        state = signing.loads(token, salt=TOKEN_SALT, max_age=token_max_age())
    except signing.SignatureExpired:
        raise bad_token(token, "has expired; start the harvest again") from None
    except signing.BadSignature:
        raise bad_token(token, "is not one this repository issued") from None
    if not isinstance(state, dict) or state.get("verb") != verb:
        raise bad_token(token, f"was not issued for {verb}")
    if not set(state) >= TOKEN_KEYS:
        raise bad_token(token, "is from an older version of this repository; start the harvest again")
    return state


def list_items(req: Request, *, with_metadata: bool) -> str:
    verb = req.verb
    if "resumptionToken" in req.args:
        state = read_token(verb, req.args["resumptionToken"])
    else:
        state = {"verb": verb, "prefix": req.args["metadataPrefix"], "cursor": 0, "after": None}
        check_prefix(state["prefix"])
        bounds = {}
        for name in ("from", "until"):
            if name in req.args:
                bounds[name] = parse_date(name, req.args[name], end=name == "until")
        if len(bounds) == 2:
            if bounds["from"][1] != bounds["until"][1]:
                raise OAIError(
                    "badArgument", "The arguments 'from' and 'until' must have the same granularity (day or seconds)."
                )
            if bounds["from"][0] > bounds["until"][0]:
                raise OAIError("badArgument", "The argument 'from' is later than 'until'.")
        state["from"] = bounds["from"][0].isoformat() if "from" in bounds else None
        state["until"] = bounds["until"][0].isoformat() if "until" in bounds else None
        state["set"] = req.args.get("set")

    records = HarvestRecord.objects.all()
    if state["set"]:
        # EXISTS on the (record, spec) index: the records are walked in cursor order
        # (the (datestamp, page_id) index), never sorted after a join.
        members = HarvestSetMembership.objects.filter(record=OuterRef("pk"), spec=state["set"])
        records = records.filter(Exists(members))
    if state["from"]:
        records = records.filter(datestamp__gte=datetime.datetime.fromisoformat(state["from"]))
    if state["until"]:
        records = records.filter(datestamp__lte=datetime.datetime.fromisoformat(state["until"]))
    if "size" not in state:
        state["size"] = records.count()
    if state["after"]:
        stamp, page_id = datetime.datetime.fromisoformat(state["after"][0]), state["after"][1]
        records = records.filter(Q(datestamp__gt=stamp) | Q(datestamp=stamp, page_id__gt=page_id))
    size = page_size()
    # Plain rows, no model instances: a page of records is its one query and string joins.
    fields = ["page_id", "datestamp", "deleted", "set_specs"] + (["oai_dc"] if with_metadata else [])
    rows = records.order_by("datestamp", "page_id").values_list(*fields, named=True)
    batch = list(rows[: size + 1])
    more, batch = len(batch) > size, batch[:size]
    if not batch and state["cursor"] == 0:
        given = ", ".join(
            f"{name}={req.args[name]}" for name in ("metadataPrefix", "set", "from", "until") if name in req.args
        )
        raise OAIError("noRecordsMatch", f"No records match these arguments: {given}.")

    repository = repository_identifier()
    render = full_record if with_metadata else header
    parts = [render(record, repository) for record in batch]
    cursor = state["cursor"]
    if more:
        last = batch[-1]
        following = {**state, "cursor": cursor + len(batch), "after": [last.datestamp.isoformat(), last.page_id]}
        token = signing.dumps(following, salt=TOKEN_SALT, compress=True)
        expires = utc(timezone.now() + datetime.timedelta(seconds=token_max_age()))
        parts.append(
            f'<resumptionToken expirationDate="{expires}" completeListSize="{max(state["size"], cursor + len(batch) + 1)}"'
            f' cursor="{cursor}">{escape(token)}</resumptionToken>'
        )
    elif cursor:
        # The last page of a list sent in several: an empty token closes it.
        total = max(state["size"], cursor + len(batch))
        parts.append(f'<resumptionToken completeListSize="{total}" cursor="{cursor}"/>')
    body = "".join(parts)
    return f"<{verb}>" + (absolutise(body, req.site) if with_metadata else body) + f"</{verb}>"


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda req: list_items(req, with_metadata=False),
    "ListRecords": lambda req: list_items(req, with_metadata=True),
}


@csrf_exempt
def endpoint(request):
    if request.method not in ("GET", "POST", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    started = utc(timezone.now())
    req = None
    try:
        req = Request(request)
        body = HANDLERS[req.verb](req)
        echo = req.echo()
    except OAIError as error:
        if error.code in ("badVerb", "badArgument") or req is None:
            # The spec: after badVerb or badArgument, the request element holds the base URL only.
            echo = f"<request>{escape(absolute_url(request.path, request))}</request>"
        else:
            echo = req.echo()
        body = f'<error code="{error.code}">{escape(NOT_XML.sub("", error.message))}</error>'
    content = f"{HEADER}<responseDate>{started}</responseDate>{echo}{body}</OAI-PMH>"
    return HttpResponse(content.encode(), content_type="text/xml; charset=utf-8")
