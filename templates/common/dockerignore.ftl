<#-- The Docker build context: the jar only, so that no local file (a key, a manifest) can end up in a layer. -->
# Everything is left out of the Docker build context but the runnable jar, so that no local file
# (a key file, a settings file, a manifest) can reach an image layer.
*
!target/${deploy.jar}
