"""Media work for the task worker (`masthead db_worker`): renditions, video posters.

Both tasks are idempotent (they make only what is missing), so a task queued
twice, or again after a crash, does no harm. They go on the "media" queue when
the backend declares it, so a big upload never holds up the wire queue.
"""

from __future__ import annotations

import logging

from django_tasks import task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.images.models import SourceImageIOError

from masthead.newsroom.media import video
from masthead.newsroom.media.renditions import ensure_renditions
from masthead.newsroom.models import NewsImage, VideoClip

logger = logging.getLogger("masthead.media")

MEDIA_QUEUE = "media"


def _enqueue(task_obj, *args):
    """Queue on "media" if the backend has it; never raise into the caller
    (a request saving an image or a clip)."""
    try:
        backend = task_obj.get_backend()
        if not backend.queues or MEDIA_QUEUE in backend.queues:
            task_obj = task_obj.using(queue_name=MEDIA_QUEUE)
        return task_obj.enqueue(*args)
    except Exception:
        logger.exception("could not queue %s%r", task_obj.name, args)
        return None


def enqueue_make_renditions(image_id: int):
    return _enqueue(make_renditions, image_id)


def enqueue_process_video(clip_id: int, file_name: str = ""):
    return _enqueue(process_video, clip_id, file_name)


def make_renditions_now(images, progress=None) -> list[int]:
    """Make every missing rendition of `images` in this process (a loader such
    as `masthead demo`, which would otherwise leave one queued job per image
    and serve originals until the worker catches up); `progress` wraps the
    iteration (a tqdm bar). Returns the ids of the images now complete."""
    done = []
    for image in progress(images) if progress else images:
        try:
            ensure_renditions(image)
        except SourceImageIOError:
            logger.warning("image %s: original file missing, no renditions", image.pk)
            continue
        done.append(image.pk)
    return done


def drop_queued_renditions(image_ids) -> int:
    """Delete waiting `make_renditions` jobs for images whose renditions exist,
    so the worker's queue holds no leftovers. Database backend only (others
    run tasks inline or keep no queue here); returns how many were dropped."""
    if not isinstance(make_renditions.get_backend(), DatabaseBackend):
        return 0
    wanted = set(image_ids)
    waiting = DBTaskResult.objects.ready().filter(task_path=make_renditions.module_path)
    drop = [
        job.pk
        for job in waiting.only("id", "args_kwargs")
        if (job.args_kwargs.get("args") or [None])[0] in wanted
    ]
    return DBTaskResult.objects.filter(pk__in=drop).delete()[0] if drop else 0


@task()
def make_renditions(image_id: int) -> int:
    """Make every missing rendition (all sets x AVIF, WebP, JPEG) of an image.

    Returns how many were missing (0 when all existed, -1 when the original
    file could not be read).
    """
    image = NewsImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return ensure_renditions(image)
    except SourceImageIOError:
        logger.warning("image %s: original file missing, no renditions", image_id)
        return -1


@task()
def process_video(clip_id: int, file_name: str = "") -> str:
    """Probe an uploaded clip (by content) and cut its poster frame.

    Problems are stored on the clip in `processing_error` for the desk to see;
    the task itself only fails on a bug. `file_name` is the file the clip had
    when the task was queued: if it has been replaced since, a newer task
    handles the new file and this one stops.
    """
    clip = VideoClip.objects.filter(pk=clip_id).first()
    if clip is None or not clip.file:
        return "no file"
    if file_name and clip.file.name != file_name:
        return "superseded"
    clips = VideoClip.objects.filter(pk=clip.pk)
    try:
        with video.local_path(clip.file) as path:
            info = video.probe(path)
            clips.update(
                mime_type=info.mime_type,
                duration_seconds=info.duration,
                width=info.width,
                height=info.height,
                processing_error="",
            )
            if clip.poster_id is None:
                poster = video.make_poster_image(path, clip.title, info)
                clips.update(poster=poster)
    except video.VideoError as exc:
        _refuse(clips, str(exc))
        return "refused"
    except (OSError, ValueError) as exc:
        logger.exception("video clip %s could not be processed", clip_id)
        _refuse(clips, f"The video could not be processed ({type(exc).__name__}).")
        return "failed"
    return "done"


def _refuse(clips, message: str) -> None:
    # mime_type stays empty, so templates never offer the file to readers.
    clips.update(
        processing_error=message[:2000],
        mime_type="",
        duration_seconds=None,
        width=None,
        height=None,
    )
