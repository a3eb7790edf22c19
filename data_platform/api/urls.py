from data_platform.api import datasets_urls, jobs_urls, labeling_urls, sources_urls, vectors_urls

urlpatterns = [
    *datasets_urls.urlpatterns,
    *sources_urls.urlpatterns,
    *jobs_urls.urlpatterns,
    *labeling_urls.urlpatterns,
    *vectors_urls.urlpatterns,
]
