from django.db import models


class SourceKind(models.TextChoices):
    POSTGRESQL = "postgresql", "PostgreSQL"
    MYSQL = "mysql", "MySQL"
    S3 = "s3", "S3 bucket"
    KAFKA = "kafka", "Kafka topic"
    UPLOAD = "upload", "Local upload"


class DatasetFormat(models.TextChoices):
    CSV = "csv", "CSV"
    PARQUET = "parquet", "Parquet"
    JSONL = "jsonl", "JSON Lines"
    IMAGE_ZIP = "image_zip", "Image folder (zip)"


class VersionStatus(models.TextChoices):
    UPLOADING = "uploading", "Uploading"
    VALIDATING = "validating", "Validating"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class JobKind(models.TextChoices):
    PROCESSING = "processing", "Processing pipeline"
    DATABASE_SNAPSHOT = "database_snapshot", "Database snapshot"
    KAFKA_WINDOW = "kafka_window", "Kafka window"
    LABEL_EXPORT = "label_export", "Label export"


class LabelKind(models.TextChoices):
    CLASSIFICATION = "classification", "Classification"
    TEXT_SPANS = "text_spans", "Text spans"
    BOUNDING_BOXES = "bounding_boxes", "Bounding boxes"


class LabelingProjectStatus(models.TextChoices):
    PREPARING = "preparing", "Preparing tasks"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class LabelTaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class CollectionStatus(models.TextChoices):
    BUILDING = "building", "Building"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"
